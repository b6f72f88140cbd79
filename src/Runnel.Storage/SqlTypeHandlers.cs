using System.Data;
using Dapper;

namespace Runnel.Storage;

/// <summary>
/// How .NET values are stored. Timestamps are Unix milliseconds in integer columns on every backend, so due-time
/// queries compare integers and the SQL is the same everywhere. GUIDs are native <c>uuid</c> where the database has
/// one (PostgreSQL) and canonical text where it does not (SQLite: readable in the sqlite3 shell, same order as UUIDv7
/// bytes); a backend without a uuid type registers its parameter type with <see cref="UseTextGuids"/>.
/// </summary>
public static class SqlTypeHandlers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> TextGuidParameters = new();
    private static int _registered;

    /// <summary>Parameters of this ADO.NET type carry GUIDs as canonical text.</summary>
    public static void UseTextGuids(Type parameterType) => TextGuidParameters[parameterType] = true;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new TimestampHandler());
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (TextGuidParameters.ContainsKey(parameter.GetType()))
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            string s => Guid.Parse(s),
            Guid g => g,
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read a GUID from {value.GetType().Name}."),
        };
    }

    private sealed class TimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value.ToUnixTimeMilliseconds();
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
        };
    }
}
