CREATE TABLE `challenges` (
	`id` integer PRIMARY KEY NOT NULL,
	`field_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `challenges_field_position` ON `challenges` (`field_id`,`position`);--> statement-breakpoint
CREATE TABLE `concepts` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`period` text NOT NULL,
	`region` text NOT NULL,
	`source` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`update` blob NOT NULL,
	`user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `document_updates_name` ON `document_updates` (`name`,`id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`name` text PRIMARY KEY NOT NULL,
	`state` blob,
	`compacted_through` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fields` (
	`id` integer PRIMARY KEY NOT NULL,
	`concept_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`concept_id`) REFERENCES `concepts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fields_concept_number` ON `fields` (`concept_id`,`number`);--> statement-breakpoint
CREATE TABLE `goal_status` (
	`round_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	`narrative_json` text,
	`narrative_text` text DEFAULT '' NOT NULL,
	`updated_at` integer,
	`updated_by` integer,
	PRIMARY KEY(`round_id`, `goal_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY NOT NULL,
	`concept_id` integer NOT NULL,
	`challenge_id` integer NOT NULL,
	`number` integer NOT NULL,
	`description` text NOT NULL,
	`kind` text,
	FOREIGN KEY (`concept_id`) REFERENCES `concepts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goals_concept_number` ON `goals` (`concept_id`,`number`);--> statement-breakpoint
CREATE TABLE `measure_status` (
	`round_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	`proposal_attainment` text,
	`proposal_mandatory` integer DEFAULT false NOT NULL,
	`proposal_routine` integer DEFAULT false NOT NULL,
	`proposal_continue` integer DEFAULT false NOT NULL,
	`proposal_responsibility_questionable` integer DEFAULT false NOT NULL,
	`proposal_changed_conditions` integer DEFAULT false NOT NULL,
	`narrative_json` text,
	`narrative_text` text DEFAULT '' NOT NULL,
	`agreed_attainment` text,
	`agreed_mandatory` integer,
	`agreed_routine` integer,
	`agreed_continue` integer,
	`agreed_responsibility_questionable` integer,
	`agreed_changed_conditions` integer,
	`agreed_at` integer,
	`agreed_by` integer,
	`agreed_in_meeting` integer,
	`updated_at` integer,
	`updated_by` integer,
	PRIMARY KEY(`round_id`, `measure_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `measure_units` (
	`measure_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`measure_id`, `unit_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measure_units_unit` ON `measure_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY NOT NULL,
	`goal_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`source_uncertain` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measures_goal_position` ON `measures` (`goal_id`,`position`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`unit_id` integer,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unit_role` ON `memberships` (`user_id`,`unit_id`,`role`) WHERE "memberships"."unit_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_global_role` ON `memberships` (`user_id`,`role`) WHERE "memberships"."unit_id" is null;--> statement-breakpoint
CREATE INDEX `memberships_unit` ON `memberships` (`unit_id`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY NOT NULL,
	`concept_id` integer NOT NULL,
	`name` text NOT NULL,
	`period` text DEFAULT '' NOT NULL,
	`due_date` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`previous_round_id` integer,
	`opened_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`concept_id`) REFERENCES `concepts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_concept_name` ON `rounds` (`concept_id`,`name`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `status_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`user_id` integer,
	`meeting_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_changes_round_measure` ON `status_changes` (`round_id`,`measure_id`,`at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `units_short_name_unique` ON `units` (`short_name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);