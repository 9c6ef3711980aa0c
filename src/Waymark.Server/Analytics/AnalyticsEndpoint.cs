using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Analytics;

/// <summary>GET /journeys/{id}/analytics: the funnel and per-node counts, read from maintained counters (SPEC §6).</summary>
public static class AnalyticsEndpoint
{
    public static void MapJourneyAnalytics(this RouteGroupBuilder journeys) =>
        journeys.MapGet("/{id}/analytics", Get).RequireRole(AuthSetup.ViewerPolicy)
            .Produces<JourneyAnalytics>().WithSummary("Funnel analytics for a journey");

    private static async Task<IResult> Get(HttpContext http, WaymarkDbContext db, string id)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        if (journey is null) return JourneysEndpoints.JourneyNotFound(id);

        var ct = http.RequestAborted;
        var counters = await db.JourneyCounters.AsNoTracking().FirstOrDefaultAsync(c => c.JourneyId == id, ct)
            ?? new JourneyCounters { JourneyId = id };
        var nodes = await db.NodeCounters.AsNoTracking().Where(c => c.JourneyId == id)
            .ToDictionaryAsync(c => c.NodeId, StringComparer.Ordinal, ct);
        var definition = JourneyStore.ParseDefinition(journey.Definition);

        var steps = definition.Nodes.Select(n =>
        {
            var counter = nodes.GetValueOrDefault(n.Id);
            // Nobody drops off at an exit: reaching it is completing the journey.
            var dropoff = n.Type == NodeTypes.Exit ? 0 : counter?.Dropoff ?? 0;
            return new StepCount(n.Id, n.Type, counter?.Reached ?? 0, dropoff);
        }).ToList();
        var rate = counters.TotalEntries == 0 ? 0 : Math.Round((double)counters.Completed / counters.TotalEntries, 4);
        var funnel = new Funnel(counters.TotalEntries, counters.Active, counters.Completed, counters.Exited, rate);
        return Results.Ok(new JourneyAnalytics(funnel, steps));
    }
}

public sealed record JourneyAnalytics(Funnel Funnel, IReadOnlyList<StepCount> Steps);

public sealed record Funnel(long TotalEntries, long ActiveCount, long CompletedCount, long ExitedCount, double CompletionRate);

public sealed record StepCount(string NodeId, string NodeType, long Reached, long Dropoff);
