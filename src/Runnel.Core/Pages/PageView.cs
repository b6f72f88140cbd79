using Runnel.Core.Forms;

namespace Runnel.Core.Pages;

/// <summary>
/// A page as served: the page, its form (null when it has none or the form is gone) and its HTML rendered, with
/// <see cref="PageHtml.FormSlot"/> where the form goes.
/// </summary>
public sealed record PageView(LandingPage Page, Form? Form, string Html);
