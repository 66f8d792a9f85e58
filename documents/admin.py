from django.contrib import admin

from .models import DownloadLog, PdfBatch


@admin.register(DownloadLog)
class DownloadLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "kind", "subject", "language")
    list_filter = ("kind",)
    search_fields = ("subject", "user__email")
    readonly_fields = [f.name for f in DownloadLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PdfBatch)
class PdfBatchAdmin(admin.ModelAdmin):
    list_display = ("pk", "cycle", "unit", "requested_by", "status", "done", "failed", "total", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in PdfBatch._meta.fields]

    def has_add_permission(self, request):
        return False
