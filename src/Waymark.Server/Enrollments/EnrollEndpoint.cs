using Waymark.Domain.Journeys;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;
using Waymark.Server.Runtime;

namespace Waymark.Server.Enrollments;

public static class EnrollEndpoint
{
    public const int MaxBatch = 1000;
    public const int MaxCustomerIdLength = 255;

    public static void MapEnroll(this RouteGroupBuilder journeys) =>
        journeys.MapPost("/{id}/enroll", Enroll).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<EnrollRequest>()
            .Produces<EnrollResult>(StatusCodes.Status201Created)
            .WithSummary("Enroll one customer or a batch of up to 1000 into an active journey");

    private static async Task<IResult> Enroll(HttpContext http, WaymarkDbContext db, EnrollmentWriter writer, RuntimeSignal runtime, string id)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        if (journey is null) return JourneysEndpoints.JourneyNotFound(id);
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var fields = new FieldReader(body.Json);
        var ids = ReadCustomerIds(fields);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);
        if (journey.Status != JourneyStatus.Active)
        {
            return ApiError.BadRequest($"journey '{journey.Id}' is not active (status: {journey.Status}); only active journeys enroll");
        }

        var enrolled = await writer.EnrollAsync(journey, ids!, http.RequestAborted);
        if (enrolled > 0) runtime.Notify();
        var result = new EnrollResult(journey.Id, journey.Name, enrolled, ids!.Count - enrolled, 0, ids.Count);
        return Results.Json(result, statusCode: StatusCodes.Status201Created);
    }

    private static List<string>? ReadCustomerIds(FieldReader fields)
    {
        var hasOne = fields.Has("customerId");
        var hasMany = fields.Has("customerIds");
        if (hasOne == hasMany)
        {
            fields.Add("customerId", hasOne ? "provide either customerId or customerIds, not both" : "customerId or customerIds is required");
            return null;
        }
        if (hasOne)
        {
            var single = fields.String("customerId", required: true, min: 1, max: MaxCustomerIdLength);
            return single is null ? null : [single];
        }
        var many = fields.StringArray("customerIds");
        if (many is null) return null;
        if (many.Count is 0 or > MaxBatch)
        {
            fields.Add("customerIds", $"must hold 1–{MaxBatch} customer ids (got {many.Count})");
            return null;
        }
        for (var i = 0; i < many.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(many[i])) fields.Add($"customerIds[{i}]", "must not be blank");
            else if (many[i].Length > MaxCustomerIdLength) fields.Add($"customerIds[{i}]", $"must be at most {MaxCustomerIdLength} characters");
        }
        return [.. many];
    }
}

/// <summary>Either <c>customerId</c> or <c>customerIds</c> (1–1000), not both.</summary>
public sealed record EnrollRequest(string? CustomerId, IReadOnlyList<string>? CustomerIds);

/// <summary>The reference's enroll answer: duplicates are skipped, not errors.</summary>
public sealed record EnrollResult(string JourneyId, string JourneyName, int Enrolled, int Skipped, int Errors, int Total);
