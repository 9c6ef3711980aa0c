using System.Text.Json;
using Waymark.Domain;

namespace Waymark.Server.Api;

/// <summary>The one writer of the error envelope <c>{"error": {code, message, status, details}}</c>.</summary>
public static class ErrorWriter
{
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var envelope = new ErrorEnvelope(new ErrorBody(error.Code, error.Message, error.Status, error.Details));
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, JsonDefaults.Options, context.RequestAborted);
    }
}

public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(string Code, string Message, int Status, IReadOnlyList<Problem> Details);
