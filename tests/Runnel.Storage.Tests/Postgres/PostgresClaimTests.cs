using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Postgres;

public sealed class PostgresClaimTests() : SharedClaimCompliance(new PostgresBackend());
