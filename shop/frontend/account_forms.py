"""The storefront's account forms (sign-up, sign-in, new password), CSRF-protected like every
form, and how the accounts service's field errors land on them."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length

from shop.contracts.accounts import MAX_PASSWORD, MIN_PASSWORD

EMAIL = EmailField("Email", validators=[DataRequired(message="Please enter your email."),
                                        Length(max=254)])


def password(label: str, new: bool) -> PasswordField:
    """A password field; a new one says how long it must be."""
    least = MIN_PASSWORD if new else 1
    hint = (f"Use at least {MIN_PASSWORD} characters: a phrase of a few words is easy to "
            "remember." if new else "Please enter your password.")
    return PasswordField(label, validators=[DataRequired(message=hint),
                                            Length(min=least, max=MAX_PASSWORD, message=hint)])


class AccountForm(FlaskForm):
    """A form whose fields can take the accounts service's errors."""

    def attach(self, errors: list[dict]) -> list[str]:
        """Put each service error next to its field; return the ones that fit no field."""
        loose = []
        for error in errors:
            field = getattr(self, str(error.get("field", "")).removeprefix("body."), None)
            reason = str(error.get("reason", "not accepted"))
            if field is None or not hasattr(field, "errors"):
                loose.append(reason)
            else:
                field.errors = [*field.errors, reason]
        return loose


class SignUpForm(AccountForm):
    """A new account: an address and a password."""

    email = EMAIL
    password = password("Password", new=True)


class SignInForm(AccountForm):
    """An address and its password, and the page to go back to."""

    email = EMAIL
    password = password("Password", new=False)
    next = HiddenField()


class PasswordForm(AccountForm):
    """The current password and a new one."""

    current_password = password("Current password", new=False)
    new_password = password("New password", new=True)
