using Waymark.Domain;

namespace Waymark.Server.Api;

/// <summary>
/// An error answer in the project's envelope. Every 4xx and 5xx leaves through
/// <see cref="ErrorWriter"/>, whether a handler returns one of these or middleware raises it.
/// </summary>
public sealed class ApiError(int status, string code, string message, IReadOnlyList<Problem>? details = null) : IResult
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Message { get; } = message;
    public IReadOnlyList<Problem> Details { get; } = details ?? [];

    public static ApiError BadRequest(string message) => new(400, "BAD_REQUEST", message);

    public static ApiError Validation(IReadOnlyList<Problem> problems) =>
        new(400, "VALIDATION_ERROR", Summarize(problems), problems);

    public static ApiError Validation(string field, string message) => Validation([new Problem(field, message)]);

    public static ApiError Unauthorized(string message) => new(401, "UNAUTHORIZED", message);

    public static ApiError Forbidden(string message) => new(403, "FORBIDDEN", message);

    public static ApiError NotFound(string message) => new(404, "NOT_FOUND", message);

    public static ApiError MethodNotAllowed(string message) => new(405, "BAD_REQUEST", message);

    public static ApiError Conflict(string message) => new(409, "CONFLICT", message);

    public static ApiError PayloadTooLarge(long limit) =>
        new(413, "PAYLOAD_TOO_LARGE", $"request body exceeds the limit of {limit} bytes");

    public static ApiError UnsupportedMediaType(string message) => new(415, "UNSUPPORTED_MEDIA_TYPE", message);

    public static ApiError Unprocessable(string message, IReadOnlyList<Problem> problems) =>
        new(422, "UNPROCESSABLE", $"{message}: {Summarize(problems)}", problems);

    public static ApiError RateLimited(string message) => new(429, "RATE_LIMITED", message);

    public static ApiError Internal() => new(500, "INTERNAL", "an unexpected error occurred");

    /// <summary>The code for a bare status that reached the client without a body (routing, Kestrel).</summary>
    public static ApiError ForStatus(int status) => status switch
    {
        400 => BadRequest("bad request"),
        401 => Unauthorized("an API key is required"),
        403 => Forbidden("forbidden"),
        404 => NotFound("no such resource"),
        405 => MethodNotAllowed("method not allowed for this resource"),
        413 => new ApiError(413, "PAYLOAD_TOO_LARGE", "request body too large"),
        415 => UnsupportedMediaType("request body must be application/json"),
        429 => RateLimited("too many requests"),
        >= 500 => new ApiError(status, "INTERNAL", "an unexpected error occurred"),
        _ => new ApiError(status, "BAD_REQUEST", "request failed"),
    };

    public Task ExecuteAsync(HttpContext httpContext) => ErrorWriter.WriteAsync(httpContext, this);

    private static string Summarize(IReadOnlyList<Problem> problems) => problems.Count switch
    {
        0 => "the request is invalid",
        1 => $"{problems[0].Field} {problems[0].Message}",
        _ => $"{problems[0].Field} {problems[0].Message} (and {problems.Count - 1} more problem{(problems.Count == 2 ? "" : "s")})",
    };
}
