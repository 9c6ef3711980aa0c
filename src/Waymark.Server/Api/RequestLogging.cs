using System.Diagnostics;

namespace Waymark.Server.Api;

/// <summary>One structured log line per request: method, path, status, elapsed, tenant. Never headers (keys live there).</summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Waymark.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var tenant = context.Request.Headers["X-Tenant-Id"].ToString();
                Log(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, elapsed, tenant);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} → {Status} in {ElapsedMs:0.0} ms (tenant {Tenant})")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsedMs, string tenant);
}
