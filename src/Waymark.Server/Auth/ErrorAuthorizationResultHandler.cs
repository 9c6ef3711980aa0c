using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Waymark.Server.Api;

namespace Waymark.Server.Auth;

/// <summary>Answers 403 in the error envelope with the reason the policy gave.</summary>
public sealed class ErrorAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message
                ?? "this key may not do this";
            return ErrorWriter.WriteAsync(context, ApiError.Forbidden(reason));
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
