using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Orders.Events;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Screening;

namespace Serverless.Orders.Serialization;

/// <summary>
/// The source-generated JSON contracts of the order function set: HTTP bodies, saga and activity payloads, stored
/// values and integration events (camelCase). <c>AddOrders</c> puts it in the HTTP resolver chain; a host that
/// serializes these types elsewhere chains <c>OrdersJsonContext.Default</c> the same way.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SetStockRequest))]
[JsonSerializable(typeof(StockResponse))]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderPage))]
[JsonSerializable(typeof(IReadOnlyList<OrderItem>))]
[JsonSerializable(typeof(PaymentRecord))]
[JsonSerializable(typeof(PaymentReceipt))]
[JsonSerializable(typeof(PlaceOrderInput))]
[JsonSerializable(typeof(PlaceOrderResult))]
[JsonSerializable(typeof(ReserveStockInput))]
[JsonSerializable(typeof(ReservationOutcome))]
[JsonSerializable(typeof(OrderStockInput))]
[JsonSerializable(typeof(ChargePaymentInput))]
[JsonSerializable(typeof(RefundPaymentInput))]
[JsonSerializable(typeof(SetOrderStatusInput))]
[JsonSerializable(typeof(ScreenOrderInput))]
[JsonSerializable(typeof(ScreenVerdict))]
[JsonSerializable(typeof(OrderConfirmed))]
[JsonSerializable(typeof(ApprovalDecision))]
[JsonSerializable(typeof(RejectOrderRequest))]
[JsonSerializable(typeof(NoFieldsRequest))]
[JsonSerializable(typeof(RejectEventPayload))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(StockCommitOutcome))]
[JsonSerializable(typeof(SagaCustomStatus))]
[JsonSerializable(typeof(CompensationProgress))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
public sealed partial class OrdersJsonContext : JsonSerializerContext;
