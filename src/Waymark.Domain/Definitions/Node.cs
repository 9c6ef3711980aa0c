using System.Text.Json;

namespace Waymark.Domain.Definitions;

// Config is a JSON object ({} when the definition gave none); read it through NodeConfig.
public sealed record Node(string Id, string Type, JsonElement Config);
