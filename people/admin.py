from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Person, Unit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "last_login"]
    search_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["path", "kind", "lead"]
    list_filter = ["kind", "depth"]
    search_fields = ["path", "name"]
    raw_id_fields = ["parent", "lead"]
    readonly_fields = ["lineage", "depth"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "title", "unit", "manager", "state"]
    list_filter = ["state"]
    search_fields = ["full_name", "user__email"]
    raw_id_fields = ["user", "unit", "manager"]
    readonly_fields = ["lineage", "state"]
    list_select_related = ["unit", "manager"]
