"""Plain text and search tokens of a material, computed when it is saved.

PostgreSQL's trigram indexes cannot serve two-character Chinese words (党史, 党课), and its
text-search parsers do not split Chinese into words. So every run of CJK characters is
stored as its overlapping character bigrams ("党史学习" -> "党史 史学 学习") and every Latin or
digit run as a lowercased word; a full-text index over that column then finds any CJK
substring of two characters or more by AND-ing the bigrams of the query.
"""

import html
import re

import nh3

# CJK unified ideographs (with extension A and compatibility ideographs), kana and hangul.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
_CJK_RE = re.compile(rf"[{_CJK}]")


def plain_text(rich_html):
    """The text a reader sees in sanitised HTML, with whitespace collapsed."""
    if not rich_html:
        return ""
    text = nh3.clean(re.sub(r"<(/?)(p|div|br|li|h[1-6]|tr|blockquote)\b", r" <\1\2", rich_html), tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def tokens(text):
    """Bigrams of the CJK runs and the Latin/digit words of `text`, in order.

    A CJK run of one character has no bigram and yields nothing: such a term can only
    be matched by a plain substring scan.
    """
    result = []
    for run in _TOKEN_RE.findall((text or "").lower()):
        if _CJK_RE.match(run):
            result.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            result.append(run)
    return result


def bigram_document(*texts):
    """The value of `Material.search_bigrams`: distinct tokens, space separated."""
    seen = dict.fromkeys(token for text in texts for token in tokens(text))
    return " ".join(seen)
