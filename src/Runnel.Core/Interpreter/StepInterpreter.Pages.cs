using System.Text.Json.Nodes;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Pages;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Interpreter;

// The create_page step (API.md §13): one page per member, committed with the run; {{page_url}} for later steps.
public sealed partial class StepInterpreter
{
    private Outcome CreatePage(CreatePageStep step, RunState run)
    {
        var model = run.Variables();
        var member = run.Member;
        string name;
        string alias;
        string html;
        try
        {
            name = OneLineName(step.PageName is { } pageName ? renderer.RenderText(pageName, model) : "")
                   ?? run.Input.FlowName;
            var wanted = step.CustomPageAlias is { } custom ? renderer.RenderText(custom, model) : name;
            alias = PageAliases.ForMember(wanted, PageAliases.NewSuffix());
            if (step.Source == "template")
            {
                if (step.TemplateId is not { } templateId || run.Input.PageTemplates?.Invoke(templateId) is not { } template)
                {
                    return new Outcome.Failure("The step's page template does not exist.", false);
                }

                html = renderer.RenderHtml(PageHtml.MarkFormSlot(template), model);
            }
            else
            {
                var prompt = step.Prompt is { } text ? renderer.RenderText(text, model) : "";
                if (run.Input.PageGeneratorEnabled)
                {
                    if (run.Input.GeneratedPages?.GetValueOrDefault(step.StepId) is not { } answer)
                    {
                        return new Outcome.Generate(new PageGenerationRequest(member.Id, step.StepId, prompt,
                            WebhookPayload.ContactObject(run.Contact), (JsonObject)member.Context.DeepClone()));
                    }

                    if (answer.Html is not { } generated)
                    {
                        // A generator outage is retried like any failing step; after the last attempt the member fails.
                        return new Outcome.Failure($"The page generator failed: {answer.Error}", true);
                    }

                    html = PageHtml.MarkFormSlot(generated);
                }
                else
                {
                    html = PageHtml.Layout(name, prompt);
                }
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new Outcome.Failure($"Rendering the page failed: {error.Message}",
                Templates.TemplateRenderer.IsTimeLimit(error));
        }

        if (html.Length > PageHtml.MaxLength)
        {
            return new Outcome.Failure($"The page is larger than {PageHtml.MaxLength} characters.", false);
        }

        var now = run.Input.Now;
        var expires = now.AddDays(step.PageTtlDays ?? CreatePageStep.DefaultPageTtlDays);
        var page = new LandingPage(run.Input.NewId(), member.WorkspaceId, name, alias, html,
            step.Source == "template" ? step.TemplateId : null, null, step.AutoPublish == true, member.Id,
            run.Contact.Id, expires, 0, 0, now, now);
        run.Pages.Add(page);
        var url = run.Input.Links?.PageUrl(alias) ?? $"/p/{alias}";
        run.PageUrl = url;
        run.Log(TimelineTypes.PageCreated, step.StepId, new JsonObject
        {
            ["page_id"] = Ids.Format(page.Id),
            ["alias"] = alias,
            ["url"] = url,
            ["published"] = page.Published,
            ["expires_at"] = UtcTimestampConverter.Format(expires),
        });
        return new Outcome.Next(step.NextStepId);
    }

    /// <summary>A rendered name on one line and within the page name limit, or null when it renders blank.</summary>
    private static string? OneLineName(string rendered)
    {
        var line = string.Join(' ', rendered.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Trim();
        if (line.Length == 0)
        {
            return null;
        }

        return line.Length > LandingPage.MaxNameLength ? line[..LandingPage.MaxNameLength] : line;
    }
}
