using System.Text.RegularExpressions;
using Waymark.Server.Api;

namespace Waymark.Server.Auth;

/// <summary>
/// Every /api/v1 request names its tenant in <c>X-Tenant-Id</c> (1–64 chars of A-Z a-z 0-9 . _ -).
/// Checked before authentication, so a missing or malformed header is a 400 whatever the key.
/// </summary>
public static partial class TenantHeader
{
    public const string Name = "X-Tenant-Id";
    private const string ItemKey = "waymark.tenant";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? tenant) => tenant is not null && Pattern().IsMatch(tenant);

    public static IApplicationBuilder UseTenantHeader(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var values = context.Request.Headers[Name];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            await ErrorWriter.WriteAsync(context, ApiError.BadRequest($"the {Name} header is required"));
            return;
        }
        if (values.Count > 1 || !IsValid(values[0]))
        {
            await ErrorWriter.WriteAsync(context, ApiError.BadRequest(
                $"the {Name} header must be 1–64 characters of A-Z, a-z, 0-9, '.', '_' or '-'"));
            return;
        }
        context.Items[ItemKey] = values[0];
        await next(context);
    });

    /// <summary>The tenant of the current request; only valid behind <see cref="UseTenantHeader"/>.</summary>
    public static string TenantId(this HttpContext context) =>
        context.Items[ItemKey] as string ?? throw new InvalidOperationException("No tenant on this request.");
}
