using Microsoft.AspNetCore.Mvc.Testing;
using Waymark.Server.Auth;
using Waymark.Server.Enrollments;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>
/// Five nodes in a line and no wait: enrolling writes step 1 (n1), and one scheduler pass writes
/// steps 2–5 (n2…n5) and completes the enrollment. Step k is always node nk.
/// </summary>
internal static class LinearJourney
{
    public const int Steps = 5;

    public const string Definition = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger", "config": {}},
            {"id": "n2", "type": "nba_decision", "config": {}},
            {"id": "n3", "type": "channel_action", "config": {"channel": "email"}},
            {"id": "n4", "type": "nba_decision", "config": {}},
            {"id": "n5", "type": "exit", "config": {}}
         ],
         "edges": [
            {"id": "e1", "source": "n1", "target": "n2"},
            {"id": "e2", "source": "n2", "target": "n3"},
            {"id": "e3", "source": "n3", "target": "n4"},
            {"id": "e4", "source": "n4", "target": "n5"}
         ]}
        """;

    /// <summary>A client of a fresh tenant, as an editor named by a trusted gateway (Auth:TrustedHeaders).</summary>
    public static HttpClient EditorClient(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", $"t-{Guid.NewGuid():N}");
        client.DefaultRequestHeaders.Add("X-User-Role", Roles.Editor);
        return client;
    }

    public static async Task<string> CreateActiveAsync(HttpClient client)
    {
        var id = await SampleJourneys.CreateAsync(client, "Linear", Definition);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertStatus(200);
        return id;
    }

    /// <summary>Enrolls customers c00000… in requests of the largest batch the endpoint takes.</summary>
    public static async Task EnrollAsync(HttpClient client, string journeyId, int count)
    {
        for (var start = 0; start < count; start += EnrollEndpoint.MaxBatch)
        {
            var ids = Enumerable.Range(start, Math.Min(EnrollEndpoint.MaxBatch, count - start)).Select(i => $"c{i:D5}").ToArray();
            var response = await client.PostJsonAsync($"/api/v1/journeys/{journeyId}/enroll", new { customerIds = ids });
            response.AssertStatus(201);
            Assert.Equal(ids.Length, response.Json.GetProperty("enrolled").GetInt32());
        }
    }
}
