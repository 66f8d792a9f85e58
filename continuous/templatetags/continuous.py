"""``{% load continuous %}``: ``{{ labels|localized }}`` reads a language → text dict (a company value's name
kept in a message's context) in the active language."""

from django import template

from common.language import localized as localized_label

register = template.Library()


@register.filter
def localized(labels) -> str:
    return localized_label(labels if isinstance(labels, dict) else {})
