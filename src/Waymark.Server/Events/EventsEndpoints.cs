using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Runtime;

namespace Waymark.Server.Events;

public static class EventsEndpoints
{
    public static void MapEvents(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/events", Ingest).WithTags("Events").RequireRole(AuthSetup.EditorPolicy)
            .AcceptsJson<EventRequest>()
            .Produces<EventsAccepted>(StatusCodes.Status202Accepted)
            .WithSummary("Ingest one event or up to 100: enters customers into journeys and resumes waits");

    private static async Task<IResult> Ingest(HttpContext http, EventIngest ingest, RuntimeSignal runtime)
    {
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Failed) return body.Error!;
        var (events, problems) = EventInput.ReadAll(body.Json);
        if (problems.Count > 0) return ApiError.Validation(problems);

        var accepted = await ingest.IngestAsync(http.TenantId(), events, http.RequestAborted);
        if (accepted.Results.Any(r => r.Entered.Count > 0 || r.Resumed > 0)) runtime.Notify();
        return Results.Json(accepted, statusCode: StatusCodes.Status202Accepted);
    }
}
