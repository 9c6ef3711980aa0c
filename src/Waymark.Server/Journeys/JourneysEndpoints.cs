using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Journeys;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Journeys;

public static class JourneysEndpoints
{
    public static RouteGroupBuilder MapJourneys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/journeys").WithTags("Journeys");

        group.MapGet("/", List).RequireRole(AuthSetup.EditorPolicy).Paginated()
            .Produces<Page<JourneyView>>().WithSummary("List journeys, newest first");
        group.MapPost("/", Create).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<CreateJourneyRequest>()
            .Produces<JourneyView>(StatusCodes.Status201Created).WithSummary("Create a draft journey");
        group.MapGet("/{id}", Get).RequireRole(AuthSetup.EditorPolicy)
            .Produces<JourneyView>().WithSummary("Get a journey");
        group.MapPut("/{id}", JourneyUpdates.Update).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<UpdateJourneyRequest>()
            .Produces<JourneyView>().ProducesErrors(409, 422).WithSummary("Update a journey or change its status");
        group.MapDelete("/{id}", Delete).RequireRole(AuthSetup.AdminPolicy)
            .Produces(StatusCodes.Status204NoContent).WithSummary("Delete a journey with its enrollments and history");
        return group;
    }

    private static async Task<IResult> List(HttpContext http, WaymarkDbContext db, string? status)
    {
        var problems = new FieldProblems();
        var paging = Paging.Read(http.Request, problems);
        if (status is not null && !JourneyStatus.IsKnown(status))
        {
            problems.Add("status", $"must be one of {string.Join(", ", JourneyStatus.All)}");
        }
        if (problems.Count > 0) return ApiError.Validation(problems);

        var tenant = http.TenantId();
        var query = db.Journeys.AsNoTracking().Where(j => j.TenantId == tenant);
        if (status is not null) query = query.Where(j => j.Status == status);
        var total = await query.CountAsync(http.RequestAborted);
        var rows = await query
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(new Page<JourneyView>(rows.ConvertAll(JourneyView.From), PageInfo.Of(total, paging)));
    }

    private static async Task<IResult> Create(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (input, fields) = JourneyInput.Read(body.Json, isCreate: true);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var now = clock.UtcNow();
        var journey = new Journey
        {
            Id = Ids.New("jrn", clock),
            TenantId = http.TenantId(),
            Name = input.Name!,
            Description = input.Description,
            Status = JourneyStatus.Draft,
            MaxDurationDays = input.MaxDurationDays ?? 30,
            EntryCondition = input.EntryCondition,
            Definition = input.DefinitionJson ?? JourneyInput.EmptyDefinition,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        journey.EntryEvent = JourneyStore.EntryEventOf(journey);
        db.Journeys.Add(journey);
        db.JourneyVersions.Add(new JourneyVersion { JourneyId = journey.Id, Version = 1, Definition = journey.Definition, CreatedAt = now });
        db.JourneyCounters.Add(new JourneyCounters { JourneyId = journey.Id });
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Created($"/api/v1/journeys/{journey.Id}", JourneyView.From(journey));
    }

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        return journey is null ? JourneyNotFound(id) : Results.Ok(JourneyView.From(journey));
    }

    private static async Task<IResult> Delete(HttpContext http, WaymarkDbContext db, string id)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        if (journey is null) return JourneyNotFound(id);

        // Explicit deletes, children first, rather than trusting every provider's cascade settings.
        var ct = http.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.EnrollmentSteps.Where(s => db.Enrollments.Any(e => e.Id == s.EnrollmentId && e.JourneyId == id)).ExecuteDeleteAsync(ct);
        await db.Enrollments.Where(e => e.JourneyId == id).ExecuteDeleteAsync(ct);
        // Its outbox goes too: a message of a deleted journey is not sent afterwards.
        var deliveries = db.Deliveries.Where(d => d.JourneyId == id);
        await db.DeliveryAttempts.Where(a => deliveries.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(ct);
        await deliveries.ExecuteDeleteAsync(ct);
        await db.Decisions.Where(d => d.JourneyId == id).ExecuteDeleteAsync(ct);
        await db.NodeCounters.Where(c => c.JourneyId == id).ExecuteDeleteAsync(ct);
        await db.JourneyCounters.Where(c => c.JourneyId == id).ExecuteDeleteAsync(ct);
        await db.JourneyVersions.Where(v => v.JourneyId == id).ExecuteDeleteAsync(ct);
        await db.Journeys.Where(j => j.Id == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    public static ApiError JourneyNotFound(string id) => ApiError.NotFound($"journey '{id}' not found");

    /// <summary>The tenant's journey, or null: another tenant's journey is reported as not found.</summary>
    public static Task<Journey?> FindJourneyAsync(this WaymarkDbContext db, HttpContext http, string id, bool tracking)
    {
        var tenant = http.TenantId();
        var query = tracking ? db.Journeys : db.Journeys.AsNoTracking();
        return query.FirstOrDefaultAsync(j => j.Id == id && j.TenantId == tenant, http.RequestAborted);
    }
}
