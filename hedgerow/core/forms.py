"""Django forms rendered as GOV.UK Design System components.

Every form in Hedgerow renders through `GovUKFormRenderer`: fields get GOV.UK
markup (`components/field.html`) and widgets get GOV.UK classes, including the
error modifiers, so a page template only writes `{{ field.as_field_group }}`.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

# Most specific first: RadioSelect and CheckboxSelectMultiple subclass Select and
# Input, but components/field.html renders them option by option.
WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str | None], ...] = (
    (forms.RadioSelect, None),
    (forms.CheckboxSelectMultiple, None),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.FileInput, "govuk-file-upload"),
    (Input, "govuk-input"),
)


def govuk_class_for(widget: forms.Widget) -> str | None:
    """The GOV.UK class for a widget, or None where the template renders it."""
    for widget_type, css_class in WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return None


class GovUKBoundField(BoundField):
    """A bound field whose widget carries GOV.UK classes and error modifiers."""

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        base = govuk_class_for(widget)
        if base:
            classes = [base]
            if self.errors and base != "govuk-checkboxes__input":
                classes.append(f"{base}--error")
            if extra := attrs.get("class") or widget.attrs.get("class"):
                classes.append(str(extra))
            attrs["class"] = " ".join(classes)
        return attrs

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the field, or its first option."""
        if self.widget_type in {"radioselect", "checkboxselectmultiple"}:
            return f"{self.auto_id}_0"
        return str(self.id_for_label or self.auto_id)


class GovUKFormRenderer(TemplatesSetting):
    """Renders forms, fields and widgets with GOV.UK markup."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = GovUKBoundField


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
