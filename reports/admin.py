from django.contrib import admin

from reports.models import RenderJob, Report, ReportRelease, ReportVersion, SignOff, SignOffDecision


class ReportVersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    can_delete = False
    fields = ["number", "note", "created_by", "created_at"]
    readonly_fields = fields
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["exchange", "language", "status", "version", "edited_at"]
    list_filter = ["status", "language"]
    search_fields = ["exchange__title"]
    raw_id_fields = ["exchange"]
    readonly_fields = ["version", "draft_hashes", "drafted_at", "edited_at", "published_at", "updated_by"]
    inlines = [ReportVersionInline]


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "exchange", "status", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["exchange__title", "content_hash"]
    list_select_related = ["exchange", "requested_by"]
    readonly_fields = [field.name for field in RenderJob._meta.fields]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Releases and their sign-off are a record: nobody edits, adds or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SignOffDecisionInline(admin.TabularInline):
    model = SignOffDecision
    extra = 0
    can_delete = False
    fields = ["city", "user", "decision", "comment", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportRelease)
class ReportReleaseAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "language", "released_at", "released_by", "withdrawn_at"]
    list_filter = ["language"]
    search_fields = ["report__exchange__title", "title"]
    list_select_related = ["report__exchange", "released_by"]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["report", "report_version", "status", "requested_by", "requested_at", "closed_at"]
    list_filter = ["status"]
    list_select_related = ["report__exchange", "requested_by"]
    inlines = [SignOffDecisionInline]
