CREATE TABLE `indicator_goals` (
	`indicator_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `goal_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_goals_goal` ON `indicator_goals` (`goal_id`);--> statement-breakpoint
CREATE TABLE `indicator_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer,
	`file_name` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`rows` text NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`base_version` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`applied_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `indicator_value_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`import_id` integer,
	`user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`indicator_id` integer NOT NULL,
	`territory_id` integer NOT NULL,
	`reference_date` text NOT NULL,
	`dimension` text NOT NULL,
	`category` text NOT NULL,
	`sex` text NOT NULL,
	`change` text NOT NULL,
	`old_value` real,
	`new_value` real,
	`old_count` integer,
	`new_count` integer,
	`old_note` text,
	`new_note` text,
	FOREIGN KEY (`import_id`) REFERENCES `indicator_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_value_changes_at` ON `indicator_value_changes` (`created_at`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator_id` integer NOT NULL,
	`territory_id` integer NOT NULL,
	`reference_date` text NOT NULL,
	`dimension` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`sex` text DEFAULT 'all' NOT NULL,
	`value` real,
	`count` integer,
	`base` integer,
	`source` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`import_id` integer,
	`updated_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `indicator_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_key` ON `indicator_values` (`indicator_id`,`territory_id`,`reference_date`,`dimension`,`category`,`sex`);--> statement-breakpoint
CREATE INDEX `indicator_values_territory_date` ON `indicator_values` (`territory_id`,`reference_date`);--> statement-breakpoint
CREATE INDEX `indicator_values_date` ON `indicator_values` (`reference_date`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`area` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`numerator` text DEFAULT '' NOT NULL,
	`numerator_source` text DEFAULT '' NOT NULL,
	`denominator` text DEFAULT '' NOT NULL,
	`denominator_source` text DEFAULT '' NOT NULL,
	`data_source` text DEFAULT '' NOT NULL,
	`presentation` text DEFAULT '' NOT NULL,
	`reference_kind` text NOT NULL,
	`breakdowns` text DEFAULT '[]' NOT NULL,
	`rationale` text NOT NULL,
	`comparable_from` integer,
	`target_value` real,
	`target_year` integer,
	`threshold_value` real,
	`threshold_year` integer,
	`seed_passage` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_key_unique` ON `indicators` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_name_unique` ON `indicators` (`name`);--> statement-breakpoint
CREATE TABLE `monitoring_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`small_number_threshold` integer DEFAULT 3 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sheet_interpretations` (
	`territory_id` integer NOT NULL,
	`year` integer NOT NULL,
	`text` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`territory_id`, `year`),
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sheet_publications` (
	`year` integer PRIMARY KEY NOT NULL,
	`published_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `territories` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`municipality_kind` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `territories_slug_unique` ON `territories` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `territories_name_unique` ON `territories` (`name`);