using Waymark.Domain.Definitions;
using Waymark.Domain.Simulation;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Decisioning;
using Waymark.Server.Persistence;
using Waymark.Server.Runtime;

namespace Waymark.Server.Journeys;

/// <summary>POST /journeys/{id}/test: walks the graph for sample attributes; writes nothing (SPEC §4).</summary>
public static class SimulationEndpoint
{
    public static void MapJourneyTest(this RouteGroupBuilder journeys) =>
        journeys.MapPost("/{id}/test", Test).RequireRole(AuthSetup.EditorPolicy).AcceptsJson<TestJourneyRequest>()
            .Produces<TestJourneyResult>().WithSummary("Simulate a journey for sample customer attributes");

    private static async Task<IResult> Test(HttpContext http, WaymarkDbContext db, TimeProvider clock, string id)
    {
        var journey = await db.FindJourneyAsync(http, id, tracking: false);
        if (journey is null) return JourneysEndpoints.JourneyNotFound(id);
        var body = await JsonBody.ReadObjectAsync(http.Request, required: false);
        if (body.Failed) return body.Error!;
        var fields = new FieldReader(body.Json);
        var attributes = fields.Object("customerAttributes", allowNull: true);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var definition = JourneyStore.ParseDefinition(journey.Definition);
        var now = clock.UtcNow();
        // nba_decision steps name the offer the flow would pick for these attributes; nothing is recorded.
        var flows = definition.Nodes.Where(n => n.Type == NodeTypes.NbaDecision).Select(NodeConfig.DecisionFlowId).Distinct(StringComparer.Ordinal).ToList();
        RecordingDecider? decider = null;
        if (flows.Count > 0)
        {
            var batch = await DecisionBatch.LoadAsync(db, journey.TenantId, flows, [], now, http.RequestAborted);
            decider = new RecordingDecider(batch, "", attributes, journey.Id, null, record: false);
        }
        var result = Simulator.Run(definition, attributes, now, decider);
        var steps = result.Steps.Select(s => new TestStep(s.NodeId, s.NodeType, s.Decision, s.Timestamp)).ToList();
        return Results.Ok(new TestJourneyResult(steps, result.Outcome));
    }
}

/// <param name="CustomerAttributes">Attributes the condition splits read, e.g. {"tier": "gold"}.</param>
public sealed record TestJourneyRequest(System.Text.Json.JsonElement? CustomerAttributes);

public sealed record TestStep(string NodeId, string NodeType, string Decision, DateTime Timestamp);

/// <param name="Outcome">completed, stalled or invalid.</param>
public sealed record TestJourneyResult(IReadOnlyList<TestStep> Steps, string Outcome);
