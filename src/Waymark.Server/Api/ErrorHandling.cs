using Microsoft.AspNetCore.Diagnostics;

namespace Waymark.Server.Api;

public static class ErrorHandling
{
    /// <summary>
    /// Unhandled exceptions become a 500 envelope (never a stack trace); bodies that reach the
    /// client empty (unknown routes, wrong methods, Kestrel's own limits) get the envelope too.
    /// </summary>
    public static IApplicationBuilder UseErrorEnvelope(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : 500,
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var error = exception switch
                {
                    BadHttpRequestException { StatusCode: 413 } => ApiError.ForStatus(413),
                    BadHttpRequestException bad => ApiError.BadRequest(bad.Message),
                    _ => ApiError.Internal(),
                };
                return ErrorWriter.WriteAsync(context, error);
            },
        });
        app.UseStatusCodePages(context => ErrorWriter.WriteAsync(context.HttpContext, ApiError.ForStatus(context.HttpContext.Response.StatusCode)));
        return app;
    }
}
