from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from branches.models import Invitation, Organization, Role


class OrganizationBrandForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["brand_name", "brand_description", "features", "theme_day", "contact_email"]
        widgets = {
            "brand_description": forms.Textarea(attrs={"rows": 4}),
            "features": forms.Textarea(attrs={"rows": 4}),
        }


class InvitationForm(forms.ModelForm):
    """A secretary invites a person to their organisation; only member-level roles."""

    class Meta:
        model = Invitation
        fields = ["name", "email", "role"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["role"].choices = [
            (Role.MEMBER, Role.MEMBER.label),
            (Role.DEPUTY_SECRETARY, Role.DEPUTY_SECRETARY.label),
        ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        existing = get_user_model().objects.filter(email__iexact=email).first()
        if existing and existing.memberships.filter(organization=self.organization).exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email


class AcceptInvitationForm(forms.Form):
    username = forms.SlugField(label=_("Username"), max_length=30)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password (again)"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.existing_user = get_user_model().objects.filter(email__iexact=invitation.email).first()
        if self.existing_user:
            # The person already has an account: the invitation only adds the membership.
            for name in list(self.fields):
                del self.fields[name]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; please choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        if self.existing_user:
            return cleaned
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            user = get_user_model()(username=cleaned.get("username", ""), email=self.invitation.email,
                                    name=self.invitation.name)
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
