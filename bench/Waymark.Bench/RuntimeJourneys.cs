using System.Text.Json;

namespace Waymark.Bench;

/// <summary>The journeys the runtime suites run, and enrolling many customers into one.</summary>
public static class RuntimeJourneys
{
    /// <summary>entry → decision → exit: two steps per enrollment after the entry step the enroll wrote.</summary>
    public const string ThreeNodes = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "n2", "type": "nba_decision"},
            {"id": "n3", "type": "exit"}],
         "edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n3"}]}
        """;

    /// <summary>The three nodes again, entered by a <c>signup</c> event.</summary>
    public const string ThreeNodesOnSignup = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger", "config": {"eventType": "signup"}},
            {"id": "n2", "type": "nba_decision"},
            {"id": "n3", "type": "exit"}],
         "edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n3"}]}
        """;

    /// <summary>entry → wait a day → exit: the wait is step 2, the exit after it step 3.</summary>
    public const string WaitThenExit = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "wait", "type": "wait", "config": {"delayHours": 24}},
            {"id": "n3", "type": "exit"}],
         "edges": [{"source": "n1", "target": "wait"}, {"source": "wait", "target": "n3"}]}
        """;

    /// <summary>Enrolls <c>{prefix}{i}</c> for i below <paramref name="count"/>, a thousand per request. Not measured.</summary>
    public static async Task EnrollAsync(HttpClient client, string journeyId, string prefix, int count)
    {
        for (var start = 0; start < count; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, count - start)).Select(i => $"{prefix}{i}").ToArray();
            using var response = await client.PostAsJsonAsync($"/api/v1/journeys/{journeyId}/enroll", new { customerIds = batch });
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode || answer.GetProperty("enrolled").GetInt32() != batch.Length)
            {
                throw new InvalidOperationException($"enroll answered {response.StatusCode}: {answer}");
            }
        }
    }
}
