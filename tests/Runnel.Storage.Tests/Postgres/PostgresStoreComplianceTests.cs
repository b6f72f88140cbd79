using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Postgres;

public sealed class PostgresStoreComplianceTests() : StoreCompliance(new PostgresBackend());
