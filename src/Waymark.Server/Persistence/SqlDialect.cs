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

    /// <summary>A table expression <c>AS r(columns…)</c> over <paramref name="rows"/>, adding its parameters to the command.</summary>
    public abstract string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows);

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
        {
            AddParameter(command, "@" + name, JsonSerializer.Serialize(rows));
            var select = string.Join(", ", columns.Select((c, i) => $"json_extract(value, '$[{i}]') AS {c}"));
            return $"(SELECT {select} FROM json_each(@{name})) AS r";
        }
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string Rows(DbCommand command, string name, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
        {
            var arrays = new List<string>(columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var values = new string[rows.Count];
                for (var r = 0; r < rows.Count; r++) values[r] = rows[r][c];
                AddParameter(command, $"@{name}{c}", values);
                arrays.Add($"@{name}{c}");
            }
            return $"unnest({string.Join(", ", arrays)}) AS r({string.Join(", ", columns)})";
        }
    }
}
