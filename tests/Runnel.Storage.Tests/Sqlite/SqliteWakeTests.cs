using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Sqlite;

public sealed class SqliteWakeTests() : WakeCompliance(new SqliteBackend());
