using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Waymark.Server.Channels;

internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;

    /// <summary>True when the save failed on a unique index: a concurrent writer got there first.</summary>
    public static bool Is(DbUpdateException e) => e.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
        _ => false,
    };
}
