using Waymark.Server.Runtime;

namespace Waymark.Server.Deliveries;

/// <summary>Wakes the dispatcher after the runner commits deliveries, or after a retry call.</summary>
public sealed class DispatchSignal : WakeSignal;
