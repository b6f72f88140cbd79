using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Runnel.Server.Tests.Infrastructure;
/// <summary>A workspace's client (<see cref="Http"/>), and the bootstrap admin's (<see cref="Admin"/>) for the dev clock.</summary>
public sealed record WorkspaceClient(Guid WorkspaceId, string Key, HttpClient Http, HttpClient Admin) : IDisposable
{
    public void Dispose()
    {
        Http.Dispose();
        Admin.Dispose();
    }
}
