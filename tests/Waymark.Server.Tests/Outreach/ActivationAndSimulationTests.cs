using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Runtime;

namespace Waymark.Server.Tests.Outreach;

public abstract class ActivationAndSimulationTests(TestApp app)
{
    private const string WithReferences = """
        {"nodes": [
            {"id": "in", "type": "entry_trigger"},
            {"id": "nba", "type": "nba_decision", "config": {"decisionFlowId": "vip-flow"}},
            {"id": "send", "type": "channel_action", "config": {"channelId": "chn_missing"}},
            {"id": "done", "type": "exit"}],
         "edges": [{"source": "in", "target": "nba"}, {"source": "nba", "target": "send"}, {"source": "send", "target": "done"}]}
        """;

    [Fact]
    public async Task Activation_lists_channels_and_decision_flows_that_do_not_exist()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client, "refs", WithReferences);

        var fields = (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertError(422, "UNPROCESSABLE");

        Assert.Equal(["definition.nodes[1].config.decisionFlowId", "definition.nodes[2].config.channelId"], fields);
    }

    [Fact]
    public async Task Activation_passes_once_the_flow_and_channel_exist()
    {
        var client = (await app.NewTenantAsync()).Client();
        (await client.PostJsonAsync("/api/v1/decision-flows", new { key = "vip-flow", name = "VIP" })).AssertStatus(201);
        var channel = await client.PostJsonAsync("/api/v1/channels", new
        {
            name = "inbox",
            channelType = "in_app",
            status = "active",
            template = new { subject = "{{ offer.name }}", body = "{{ offer.content.title }}" },
        });
        channel.AssertStatus(201);
        var definition = WithReferences.Replace("chn_missing", channel.Json.GetProperty("id").GetString(), StringComparison.Ordinal);

        var id = await SampleJourneys.CreateAsync(client, "refs", definition);

        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertStatus(200);
    }

    [Fact]
    public async Task A_simulation_names_the_offer_the_flow_would_choose_and_records_nothing()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        var offer = await client.PostJsonAsync("/api/v1/offers", new
        {
            name = "Gold card",
            status = "active",
            qualification = new { field = "tier", @operator = "eq", value = "gold" },
        });
        var offerId = offer.Json.GetProperty("id").GetString();
        var id = await SampleJourneys.CreateAsync(client);

        var gold = await client.PostJsonAsync($"/api/v1/journeys/{id}/test", new { customerAttributes = new { tier = "gold" } });
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<WaymarkDbContext>().Decisions.CountAsync(d => d.TenantId == tenant.Id);

        Assert.StartsWith($"NBA decision requested (decision flow: default-flow): offer {offerId} 'Gold card'",
            gold.Json.GetProperty("steps")[2].GetProperty("decision").GetString(), StringComparison.Ordinal);
        // Nothing was recorded by the simulation, so no contact policy or history can see it.
        Assert.Equal(0, recorded);
        Assert.Equal(0, (await RuntimeJourneys.FunnelAsync(client, id)).GetProperty("totalEntries").GetInt32());
    }
}

public sealed class ActivationAndSimulationOnSqlite(SqliteApp app) : ActivationAndSimulationTests(app);

public sealed class ActivationAndSimulationOnPostgres(PostgresApp app) : ActivationAndSimulationTests(app);
