using Polly;
using Polly.Retry;

namespace Waymark.Server.Deliveries;

/// <summary>
/// Retries a send that may succeed later, up to <see cref="DeliveryOptions.MaxAttempts"/> tries in
/// all, waiting an exponentially growing, jittered delay between them (on the injected clock).
/// A success or a failure that will not go away ends it at once.
/// </summary>
public static class SendPipeline
{
    public static ResiliencePipeline<SendResult> Build(DeliveryOptions options, TimeProvider clock)
    {
        if (options.MaxAttempts <= 1) return ResiliencePipeline<SendResult>.Empty;
        return new ResiliencePipelineBuilder<SendResult> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<SendResult>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(0, options.BaseDelayMs)),
                MaxDelay = TimeSpan.FromMilliseconds(Math.Max(1, options.MaxDelayMs)),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Success: false, Transient: true }),
            })
            .Build();
    }
}
