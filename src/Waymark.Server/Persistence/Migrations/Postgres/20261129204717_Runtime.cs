using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Runtime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enrollments_journey_id_status_enrolled_at",
                table: "enrollments");

            migrationBuilder.AddColumn<string>(
                name: "entry_event",
                table: "journeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "wait_started_at",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    attributes = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => new { x.tenant_id, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    tenant_id = table.Column<string>(type: "text", nullable: false),
                    event_id = table.Column<string>(type: "text", nullable: true),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    properties = table.Column<string>(type: "text", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_journeys_tenant_id_entry_event_status",
                table: "journeys",
                columns: new[] { "tenant_id", "entry_event", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_enrollments_journey_id_enrolled_at_id",
                table: "enrollments",
                columns: new[] { "journey_id", "enrolled_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_enrollments_journey_id_status_enrolled_at_id",
                table: "enrollments",
                columns: new[] { "journey_id", "status", "enrolled_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_events_tenant_id_customer_id_occurred_at",
                table: "events",
                columns: new[] { "tenant_id", "customer_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_events_tenant_id_event_id",
                table: "events",
                columns: new[] { "tenant_id", "event_id" },
                unique: true,
                filter: "event_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropIndex(
                name: "IX_journeys_tenant_id_entry_event_status",
                table: "journeys");

            migrationBuilder.DropIndex(
                name: "IX_enrollments_journey_id_enrolled_at_id",
                table: "enrollments");

            migrationBuilder.DropIndex(
                name: "IX_enrollments_journey_id_status_enrolled_at_id",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "entry_event",
                table: "journeys");

            migrationBuilder.DropColumn(
                name: "wait_started_at",
                table: "enrollments");

            migrationBuilder.CreateIndex(
                name: "IX_enrollments_journey_id_status_enrolled_at",
                table: "enrollments",
                columns: new[] { "journey_id", "status", "enrolled_at" });
        }
    }
}
