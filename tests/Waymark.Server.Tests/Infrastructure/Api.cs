using System.Net;
using System.Text;
using System.Text.Json;

namespace Waymark.Server.Tests.Infrastructure;

/// <summary>An HTTP answer with its body parsed as JSON (undefined when empty).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    /// <summary>Asserts the error envelope with this status and code, and returns its details' fields.</summary>
    public IReadOnlyList<string> AssertError(int status, string code)
    {
        Assert.True(Code == status, $"expected {status} but got {Code}: {Json}");
        var error = Json.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return [.. error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()!)];
    }

    public void AssertStatus(int status) => Assert.True(Code == status, $"expected {status} but got {Code}: {Json}");
}

public static class Api
{
    public static Task<ApiResponse> GetJsonAsync(this HttpClient client, string url) =>
        client.SendJsonAsync(HttpMethod.Get, url, null);

    public static Task<ApiResponse> PostJsonAsync(this HttpClient client, string url, object? body) =>
        client.SendJsonAsync(HttpMethod.Post, url, body);

    public static Task<ApiResponse> PutJsonAsync(this HttpClient client, string url, object? body) =>
        client.SendJsonAsync(HttpMethod.Put, url, body);

    public static Task<ApiResponse> DeleteJsonAsync(this HttpClient client, string url) =>
        client.SendJsonAsync(HttpMethod.Delete, url, null);

    /// <param name="body">A string is sent as raw JSON text; anything else is serialized.</param>
    public static async Task<ApiResponse> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(response.StatusCode, json, response);
    }

    public static IReadOnlyList<string> Keys(this JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name)];
}
