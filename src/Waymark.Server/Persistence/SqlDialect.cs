using System.Data.Common;
using System.Text.Json;

namespace Waymark.Server.Persistence;

/// <summary>
/// What differs between the providers in the hand-written batch statements: how a list of rows
/// travels as one parameter. SQLite reads a JSON array with json_each; PostgreSQL unnests arrays.
/// Either way a batch of any size is one statement with a fixed number of parameters.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();
    public static SqlDialect Postgres { get; } = new PostgresDialect();

    /// <summary>A table expression <c>AS r(columns…)</c> over <paramref name="rows"/>, adding its parameters to the command.
    /// Every value travels as text (or null); use <see cref="Integer"/> and <see cref="Timestamp"/> to read it back typed.</summary>
    public abstract string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows);

    /// <summary>A text column of <see cref="Rows"/> read as a whole number.</summary>
    public abstract string Integer(string expression);

    /// <summary>A text column of <see cref="Rows"/>, written by <see cref="Text(DateTime?)"/>, read as a timestamp.</summary>
    public abstract string Timestamp(string expression);

    /// <summary>How a timestamp travels in <see cref="Rows"/>: the provider's own stored text on SQLite, ISO-8601 on PostgreSQL.</summary>
    public abstract string? Text(DateTime? value);

    public static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Integer(string expression) => $"CAST({expression} AS INTEGER)";

        // EF Core stores SQLite timestamps as this text, which also sorts in time order.
        public override string Timestamp(string expression) => expression;

        public override string? Text(DateTime? value) =>
            value?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

        public override string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows)
        {
            AddParameter(command, "@" + name, JsonSerializer.Serialize(rows));
            var select = string.Join(", ", columns.Select((c, i) => $"json_extract(value, '$[{i}]') AS {c}"));
            return $"(SELECT {select} FROM json_each(@{name})) AS r";
        }
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string Integer(string expression) => $"({expression})::bigint";

        public override string Timestamp(string expression) => $"({expression})::timestamptz";

        public override string? Text(DateTime? value) =>
            value?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        public override string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows)
        {
            var arrays = new List<string>(columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var values = new string?[rows.Count];
                for (var r = 0; r < rows.Count; r++) values[r] = rows[r][c];
                AddParameter(command, $"@{name}{c}", values);
                arrays.Add($"@{name}{c}");
            }
            return $"unnest({string.Join(", ", arrays)}) AS r({string.Join(", ", columns)})";
        }
    }
}
