using System.Text.Json;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Offers;

/// <summary>Offer and decision flow helpers shared by the decisioning tests.</summary>
public static class SampleOffers
{
    /// <summary>Creates an offer (active unless the body says otherwise) and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string name, object? fields = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["status"] = "active" };
        if (fields is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(fields, JsonSerializerOptions.Web).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }
        var created = await client.PostJsonAsync("/api/v1/offers", body);
        created.AssertStatus(201);
        return created.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Creates a decision flow with these settings and returns its key.</summary>
    public static async Task<string> CreateFlowAsync(HttpClient client, string key, object settings)
    {
        var created = await client.PostJsonAsync("/api/v1/decision-flows", new { key, settings });
        created.AssertStatus(201);
        return key;
    }
}
