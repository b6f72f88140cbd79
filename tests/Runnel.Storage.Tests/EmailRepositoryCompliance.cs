using Runnel.Core.Emails;
using Runnel.Core.Storage;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

public abstract class EmailRepositoryCompliance : StoreTestBase
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    protected EmailRepositoryCompliance(StoreBackend backend)
        : base(backend)
    {
    }

    private static Email NewEmail(Guid workspaceId, DateTimeOffset createdAt) => new(Guid.CreateVersion7(createdAt),
        workspaceId, "Welcome", "Hi", null, null, "a@acme.test", null, "<p>v1</p>", null, EmailStatus.Draft, null,
        createdAt, createdAt);

    private static ApprovedEmail Revision(Email email, int number, string html) => new(email.Id, email.WorkspaceId,
        number, email.Subject, null, "Acme", "a@acme.test", null, html, "text", At.AddMinutes(number));

    [Fact]
    public async Task The_highest_revision_is_the_approved_one_and_only_in_its_workspace()
    {
        var workspaceId = await NewWorkspaceAsync();
        var otherId = await NewWorkspaceAsync();
        var email = NewEmail(workspaceId, At);
        await Store.WriteAsync(async s =>
        {
            await s.Emails.InsertAsync(email);
            await s.Emails.AddApprovedRevisionAsync(Revision(email, 1, "<p>v1</p>"));
            await s.Emails.AddApprovedRevisionAsync(Revision(email, 2, "<p>v2</p>"));
            return 0;
        });

        var approved = await Store.ReadAsync(s => s.Emails.GetApprovedAsync(workspaceId, email.Id));
        Assert.Equal(Revision(email, 2, "<p>v2</p>"), approved);
        Assert.Null(await Store.ReadAsync(s => s.Emails.GetApprovedAsync(otherId, email.Id)));
        Assert.Equal(EmailStatus.Draft, await Store.ReadAsync(s => s.Emails.GetStatusAsync(workspaceId, email.Id)));
        Assert.Null(await Store.ReadAsync(s => s.Emails.GetStatusAsync(otherId, email.Id)));
        Assert.Null(await Store.ReadAsync(s => s.Emails.GetAsync(otherId, email.Id)));
    }

    [Fact]
    public async Task Emails_round_trip_and_list_newest_first()
    {
        var workspaceId = await NewWorkspaceAsync();
        var older = NewEmail(workspaceId, At);
        var newer = NewEmail(workspaceId, At.AddSeconds(1)) with
        {
            Preheader = "pre", FromName = "Acme", ReplyTo = "r@acme.test", Text = "t", Status = EmailStatus.Approved,
            ApprovedAt = At.AddSeconds(2),
        };
        await Store.WriteAsync(async s =>
        {
            await s.Emails.InsertAsync(older);
            await s.Emails.InsertAsync(newer);
            await s.Emails.UpdateAsync(older with { Name = "Renamed", Html = null, UpdatedAt = At.AddMinutes(1) });
            return 0;
        });

        var page = await Store.ReadAsync(s => s.Emails.ListAsync(workspaceId, new PageRequest(1, 10)));
        Assert.Equal(2, page.Total);
        Assert.Equal(newer, page.Items[0]);
        Assert.Equal(older with { Name = "Renamed", Html = null, UpdatedAt = At.AddMinutes(1) }, page.Items[1]);
    }

    [Fact]
    public async Task Templates_are_scoped_to_their_workspace()
    {
        var workspaceId = await NewWorkspaceAsync();
        var otherId = await NewWorkspaceAsync();
        var template = new EmailTemplate(Guid.CreateVersion7(), workspaceId, "T", "<p>x</p>", null, At, At);
        await Store.WriteAsync(async s =>
        {
            await s.Templates.InsertAsync(template);
            return 0;
        });

        Assert.Equal(template, await Store.ReadAsync(s => s.Templates.GetAsync(workspaceId, template.Id)));
        Assert.Null(await Store.ReadAsync(s => s.Templates.GetAsync(otherId, template.Id)));
        Assert.False(await Store.WriteAsync(s => s.Templates.DeleteAsync(otherId, template.Id)));
        Assert.True(await Store.WriteAsync(s => s.Templates.DeleteAsync(workspaceId, template.Id)));
        Assert.Equal(0, (await Store.ReadAsync(s => s.Templates.ListAsync(workspaceId, PageRequest.Default))).Total);
    }
}
