from django.conf import settings
from django.utils import translation


class ProfileLanguageMiddleware:
    """Signed-in people see the portal in the language of their profile, the one their
    reminders and emails are written in, wherever they sign in; a language switched on this
    device (the language cookie) still wins. Anonymous visitors get what LocaleMiddleware
    chose from the cookie or the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated and user.language and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.check_for_language(user.language)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
