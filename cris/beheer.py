"""What the admin pages of the apps share."""

from django.contrib import admin


class AlleenInzienAdmin(admin.ModelAdmin):
    """An admin page that only shows rows: what it lists is written by the product's services (or by nobody)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
