using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Enrollments;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>Reading a journey's enrollments: who is where, and the history of how they got there.</summary>
public static class EnrollmentsEndpoints
{
    public static void MapEnrollments(this RouteGroupBuilder journeys)
    {
        journeys.MapGet("/{id}/enrollments", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<EnrollmentView>>().WithSummary("List a journey's enrollments, newest first");
        journeys.MapGet("/{id}/enrollments/{enrollmentId}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<EnrollmentDetailView>().WithSummary("Get an enrollment with its context and history");
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db, string id, string? status, string? customerId)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        if (journey is null) return JourneysEndpoints.JourneyNotFound(id);
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (status is not null && !EnrollmentStatus.All.Contains(status))
        {
            problems.Add("status", $"must be one of {string.Join(", ", EnrollmentStatus.All)}");
        }
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.Enrollments.AsNoTracking().Where(e => e.JourneyId == id && e.TenantId == tenant);
        if (status is not null) query = query.Where(e => e.Status == status);
        if (customerId is not null) query = query.Where(e => e.CustomerId == customerId);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(e => e.EnrolledAt).ThenByDescending(e => e.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<EnrollmentView>(rows.ConvertAll(EnrollmentView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id, string enrollmentId)
    {
        var ct = http.RequestAborted;
        var tenant = http.TenantId();
        var enrollment = await db.Enrollments.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == enrollmentId && e.JourneyId == id && e.TenantId == tenant, ct);
        if (enrollment is null) return ApiError.NotFound($"enrollment '{enrollmentId}' not found in journey '{id}'");
        var steps = await db.EnrollmentSteps.AsNoTracking()
            .Where(s => s.EnrollmentId == enrollmentId)
            .OrderBy(s => s.Sequence)
            .ToListAsync(ct);
        return Results.Ok(EnrollmentDetailView.From(enrollment, steps));
    }
}
