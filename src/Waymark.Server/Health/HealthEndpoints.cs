using Waymark.Server.Persistence;

namespace Waymark.Server.Health;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers. /readyz: and its database does. Neither needs a key.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new HealthView("ok"))).WithTags("Health").WithSummary("Liveness");
        app.MapGet("/readyz", async (WaymarkDbContext db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? Results.Ok(new HealthView("ready"))
                    : Results.Json(new HealthView("database unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .Produces<HealthView>().Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health").WithSummary("Readiness: the database is reachable");
    }
}

public sealed record HealthView(string Status);
