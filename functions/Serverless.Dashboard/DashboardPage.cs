namespace Serverless.Dashboard;

/// <summary>
/// One page of the dashboard: where it is mapped and what the shared layout fills in around its content.
/// </summary>
/// <param name="Route">Its route under <c>/dashboard</c>, e.g. <c>/instances</c>.</param>
/// <param name="File">The file under <c>assets/</c> that holds its content (the inside of <c>main</c>).</param>
/// <param name="Title">Its title, before " · Orders dashboard".</param>
/// <param name="Script">Its module under <c>assets/</c>.</param>
/// <param name="Nav">The navigation link it marks as the current page, or <see langword="null"/> for none.</param>
internal sealed record DashboardPage(string Route, string File, string Title, string Script, string? Nav)
{
    /// <summary>Every page, each with its place in the navigation.</summary>
    public static readonly DashboardPage[] All =
    [
        new("", "index.html", "Orders", "orders.js", "/dashboard"),
        new("/orders/{orderId}", "order.html", "Order", "order.js", null),
        new("/instances", "instances.html", "Instances", "instances.js", "/dashboard/instances"),
        new("/poison", "poison.html", "Poison queues", "poison.js", "/dashboard/poison"),
        new("/system", "system.html", "System", "system.js", "/dashboard/system"),
    ];
}
