using System.Text.Json;

namespace Waymark.Domain.Conditions;

public interface IFieldSource
{
    // False when the path does not resolve; a resolved JSON null is reported as missing too.
    bool TryGet(string path, out JsonElement value);
}
