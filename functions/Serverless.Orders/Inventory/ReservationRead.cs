using Serverless.Storage.Tables;

namespace Serverless.Orders.Inventory;

/// <summary>A reservation row as read, <see cref="Row"/> <see langword="null"/> when there was none.</summary>
internal sealed record ReservationRead(TableEntity? Row);
