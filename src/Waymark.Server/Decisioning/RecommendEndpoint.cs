using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Customers;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Decisioning;

/// <summary>POST /recommend: the next best offers for a customer, each recorded as a decision.</summary>
public static class RecommendEndpoint
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 50;

    public static RouteHandlerBuilder MapRecommend(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/recommend", Recommend).WithTags("Decision flows")
            .RequireRole(AuthSetup.EditorPolicy).AcceptsJson<RecommendRequest>()
            .Produces<RecommendResult>().WithSummary("Rank the next best offers for a customer and record them");

    private static async Task<IResult> Recommend(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var fields = new FieldReader(body.Json);
        var customerId = fields.String("customerId", required: true, min: 1, max: CustomerIds.MaxLength);
        var flowKey = fields.String("decisionFlowKey", min: 1, max: 64, allowNull: true) ?? DecisionFlows.DefaultKey;
        var channel = fields.String("channel", allowNull: true);
        if (channel is not null && !ChannelTypes.IsKnown(channel))
        {
            fields.Add("channel", $"must be one of {string.Join(", ", ChannelTypes.All)} (got '{channel}')");
        }
        var limit = fields.Int("limit", 1, MaxLimit) ?? DefaultLimit;
        var patch = fields.Object("attributes", allowNull: true);
        var debug = ReadDebug(body.Json, fields);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        var tenant = http.TenantId();
        var batch = await DecisionBatch.LoadAsync(db, tenant, [flowKey], [customerId!], clock.UtcNow(), ct);
        if (!batch.HasFlow(flowKey)) return ApiError.NotFound($"decision flow '{flowKey}' not found");
        var stored = await CustomerStore.LoadAttributesAsync(db, tenant, [customerId!], ct);
        var attributes = Merge(stored.TryGetValue(customerId!, out var found) ? found : null, patch);

        var (result, recorded) = batch.Decide(flowKey, customerId!, new RuntimeFieldSource(attributes, null, null), attributes,
            channel, limit, record: true);
        await DecisionBatch.SaveAsync(db, recorded, ct);

        var decisions = result.Ranked
            .Select((ranked, i) => new RecommendedOffer(ranked.Rank, ranked.Offer.Id, ranked.Offer.Name, ranked.Score, recorded[i].Id, ranked.Offer.Content))
            .ToList();
        return Results.Ok(new RecommendResult(customerId!, flowKey, decisions, debug ? new RecommendDebug(result.Considered, result.Stages) : null));
    }

    private static JsonElement Merge(JsonElement? stored, JsonElement? patch) =>
        patch is { } changes ? JourneyStore.ParseJson(MergePatch.Apply(stored, changes)) : stored ?? JourneyStore.ParseJson("{}");

    private static bool ReadDebug(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("debug", out var value) || value.ValueKind == JsonValueKind.Null) return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        fields.Add("debug", "must be true or false");
        return false;
    }
}
