CREATE TABLE "classifications" (
	"definition_hash" text NOT NULL,
	"context_hash" text NOT NULL,
	"classifier" text NOT NULL,
	"classifier_version" text NOT NULL,
	"category" text NOT NULL,
	"risk" text NOT NULL,
	"confidence" double precision NOT NULL,
	"rationale" text NOT NULL,
	"tags" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"suggested_annotations" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classifications_definition_hash_context_hash_classifier_classifier_version_pk" PRIMARY KEY("definition_hash","context_hash","classifier","classifier_version")
);
--> statement-breakpoint
CREATE TABLE "crawl_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text,
	"server_id" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"stderr_tail" text,
	"server_version" text,
	"protocol_version" text,
	"server_info" jsonb,
	"instructions" text,
	"tool_count" integer DEFAULT 0 NOT NULL,
	"dropped_tools" jsonb,
	"prompts" jsonb,
	"resources" jsonb,
	"definition_hash" text,
	"timings" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "llm_answers" (
	"definition_hash" text NOT NULL,
	"context_hash" text NOT NULL,
	"prompt_version" text NOT NULL,
	"model" text NOT NULL,
	"answer" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_answers_definition_hash_context_hash_prompt_version_model_pk" PRIMARY KEY("definition_hash","context_hash","prompt_version","model")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"server_ids" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "servers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source" text NOT NULL,
	"domain" text,
	"npm_package" text,
	"remote_url" text,
	"repository" text,
	"version" text,
	"context_hash" text NOT NULL,
	"launch" jsonb NOT NULL,
	"latest_snapshot_id" bigint,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_tools" (
	"snapshot_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"definition_hash" text NOT NULL,
	CONSTRAINT "snapshot_tools_snapshot_id_position_pk" PRIMARY KEY("snapshot_id","position")
);
--> statement-breakpoint
CREATE TABLE "tool_definitions" (
	"definition_hash" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"description" text,
	"input_schema" jsonb,
	"output_schema" jsonb,
	"annotations" jsonb,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_definition_hash_tool_definitions_definition_hash_fk" FOREIGN KEY ("definition_hash") REFERENCES "public"."tool_definitions"("definition_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawl_snapshots" ADD CONSTRAINT "crawl_snapshots_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawl_snapshots" ADD CONSTRAINT "crawl_snapshots_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_tools" ADD CONSTRAINT "snapshot_tools_snapshot_id_crawl_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."crawl_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_tools" ADD CONSTRAINT "snapshot_tools_definition_hash_tool_definitions_definition_hash_fk" FOREIGN KEY ("definition_hash") REFERENCES "public"."tool_definitions"("definition_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crawl_snapshots_server_idx" ON "crawl_snapshots" USING btree ("server_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "crawl_snapshots_run_server_uq" ON "crawl_snapshots" USING btree ("run_id","server_id");--> statement-breakpoint
CREATE INDEX "snapshot_tools_hash_idx" ON "snapshot_tools" USING btree ("definition_hash");--> statement-breakpoint
CREATE INDEX "tool_definitions_name_idx" ON "tool_definitions" USING btree ("name");