using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Server.Api;
using Waymark.Server.Persistence;

namespace Waymark.Server.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Take the role from <c>X-User-Role</c> and the tenant from <c>X-Tenant-Id</c> without a key.
    /// Only safe behind a gateway that authenticates callers and sets those headers itself.
    /// </summary>
    public bool TrustedHeaders { get; set; }
}

/// <summary>Authenticates <c>Authorization: Bearer krn_…</c> or <c>X-API-Key: krn_…</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyHasher hasher)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "waymark:tenant";
    public const string KeyIdClaim = "waymark:key";
    public const string KeyPrefix = "krn_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.TrustedHeaders) return TrustHeaders();

        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return AuthenticateResult.Fail("the API key is not valid");
        }

        var hash = await hasher.HashAsync(key, Context.RequestAborted);
        var db = Context.RequestServices.GetRequiredService<WaymarkDbContext>();
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.TenantId, k.Role })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("the API key is not valid");

        return Success(found.TenantId, found.Role, found.Id);
    }

    private AuthenticateResult TrustHeaders()
    {
        var role = Request.Headers["X-User-Role"].ToString();
        if (string.IsNullOrEmpty(role)) return AuthenticateResult.NoResult();
        if (!Roles.IsKnown(role)) return AuthenticateResult.Fail("X-User-Role must be viewer, editor or admin");
        return Success(Request.Headers[TenantHeader.Name].ToString(), role, keyId: null);
    }

    private static AuthenticateResult Success(string tenant, string role, string? keyId)
    {
        List<Claim> claims = [new(TenantClaim, tenant), new(ClaimTypes.Role, role)];
        if (keyId is not null) claims.Add(new Claim(KeyIdClaim, keyId));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-API-Key"].ToString();
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message
            ?? (Options.TrustedHeaders ? "the X-User-Role header is required" : "an API key is required (Authorization: Bearer krn_… or X-API-Key)");
        await ErrorWriter.WriteAsync(Context, ApiError.Unauthorized(message));
    }
}
