using Microsoft.Extensions.Time.Testing;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Journeys;

public abstract class SimulationTests(TestApp app)
{
    [Fact]
    public async Task The_gold_path_answers_the_reference_trace()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/test", new { customerAttributes = new { tier = "gold" } });

        response.AssertStatus(200);
        Assert.Equal(["steps", "outcome"], response.Json.Keys());
        Assert.Equal("completed", response.Json.GetProperty("outcome").GetString());
        var steps = response.Json.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["n1", "n2", "n3", "n4", "n5"], steps.Select(s => s.GetProperty("nodeId").GetString()));
        Assert.Equal(
            ["customer enters journey", "condition met (true branch)", "NBA decision requested (decision flow: default-flow)", "send via email", "journey complete"],
            steps.Select(s => s.GetProperty("decision").GetString()));
        Assert.All(steps, s => Assert.Equal(["nodeId", "nodeType", "decision", "timestamp"], s.Keys()));
        var times = steps.Select(s => DateTime.Parse(s.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromMilliseconds(1), pair.Second - pair.First));
    }

    [Fact]
    public async Task Without_a_body_the_false_branch_runs_and_nothing_is_written()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);

        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/journeys/{id}/test", null);
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json;

        response.AssertStatus(200);
        Assert.Equal("condition not met (false branch)", response.Json.GetProperty("steps")[1].GetProperty("decision").GetString());
        Assert.Equal("wait 48h", response.Json.GetProperty("steps")[2].GetProperty("decision").GetString());
        Assert.Equal(0, analytics.GetProperty("funnel").GetProperty("totalEntries").GetInt32());
    }

    [Fact]
    public async Task An_empty_draft_is_invalid()
    {
        var client = (await app.NewTenantAsync()).Client();
        var created = await client.PostJsonAsync("/api/v1/journeys", new { name = "empty" });

        var response = await client.PostJsonAsync($"/api/v1/journeys/{created.Json.GetProperty("id").GetString()}/test", new { });

        Assert.Equal("""{"steps":[],"outcome":"invalid"}""", response.Json.GetRawText());
    }

    [Fact]
    public async Task Attributes_must_be_an_object()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);

        var fields = (await client.PostJsonAsync($"/api/v1/journeys/{id}/test", new { customerAttributes = "gold" })).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal(["customerAttributes"], fields);
        (await client.PostJsonAsync("/api/v1/journeys/jrn_none/test", new { })).AssertError(404, "NOT_FOUND");
    }
}

public sealed class SimulationOnSqlite(SqliteApp app) : SimulationTests(app);

public sealed class SimulationOnPostgres(PostgresApp app) : SimulationTests(app);

/// <summary>With the clock fixed at the reference's instant, the trace matches the reference to the byte.</summary>
public sealed class SimulationReferenceExample
{
    [Fact]
    public async Task The_trace_is_the_reference_example_exactly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 14, 30, 0, TimeSpan.Zero));
        await using var factory = new WaymarkFactory(Databases.Sqlite, Databases.NewSqliteFile(),
            new Dictionary<string, string?> { ["Auth:TrustedHeaders"] = "true" }, clock);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "my-tenant");
        client.DefaultRequestHeaders.Add("X-User-Role", "editor");
        var id = await SampleJourneys.CreateAsync(client);

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/test", new { customerAttributes = new { tier = "gold" } });

        const string expected = """
            {"steps":[
            {"nodeId":"n1","nodeType":"entry_trigger","decision":"customer enters journey","timestamp":"2026-03-16T14:30:00.000Z"},
            {"nodeId":"n2","nodeType":"condition_split","decision":"condition met (true branch)","timestamp":"2026-03-16T14:30:00.001Z"},
            {"nodeId":"n3","nodeType":"nba_decision","decision":"NBA decision requested (decision flow: default-flow)","timestamp":"2026-03-16T14:30:00.002Z"},
            {"nodeId":"n4","nodeType":"channel_action","decision":"send via email","timestamp":"2026-03-16T14:30:00.003Z"},
            {"nodeId":"n5","nodeType":"exit","decision":"journey complete","timestamp":"2026-03-16T14:30:00.004Z"}
            ],"outcome":"completed"}
            """;
        Assert.Equal(expected.Replace("\n", "", StringComparison.Ordinal), response.Json.GetRawText());
    }
}
