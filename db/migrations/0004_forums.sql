CREATE TABLE `forum_categories` (
	`id` integer PRIMARY KEY NOT NULL,
	`phase_id` integer NOT NULL,
	`position` integer NOT NULL,
	`preset` text,
	`label` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`phase_id`) REFERENCES `forum_phases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_categories_position` ON `forum_categories` (`phase_id`,`position`);--> statement-breakpoint
CREATE TABLE `forum_feedback` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`card_key` text NOT NULL,
	`phase_id` integer NOT NULL,
	`table_id` integer,
	`category_id` integer NOT NULL,
	`target` text NOT NULL,
	`field_id` integer,
	`challenge_id` integer,
	`goal_id` integer,
	`measure_id` integer,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`source` text NOT NULL,
	`participant_id` integer,
	`entered_by` integer,
	`hidden_at` integer,
	`hidden_reason` text,
	`merged_into_id` integer,
	`disposition` text,
	`disposition_reason` text DEFAULT '' NOT NULL,
	`disposition_date` text,
	`disposition_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`phase_id`) REFERENCES `forum_phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `forum_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `forum_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `forum_participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`disposition_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_feedback_card_key_unique` ON `forum_feedback` (`card_key`);--> statement-breakpoint
CREATE INDEX `forum_feedback_forum` ON `forum_feedback` (`forum_id`,`phase_id`,`table_id`);--> statement-breakpoint
CREATE INDEX `forum_feedback_goal` ON `forum_feedback` (`goal_id`);--> statement-breakpoint
CREATE INDEX `forum_feedback_measure` ON `forum_feedback` (`measure_id`);--> statement-breakpoint
CREATE INDEX `forum_feedback_field` ON `forum_feedback` (`field_id`);--> statement-breakpoint
CREATE TABLE `forum_feedback_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`feedback_id` integer NOT NULL,
	`kind` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`feedback_id`) REFERENCES `forum_feedback`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_feedback_changes_feedback` ON `forum_feedback_changes` (`feedback_id`);--> statement-breakpoint
CREATE TABLE `forum_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`kind` text NOT NULL,
	`table_id` integer,
	`phase_id` integer,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`size` integer NOT NULL,
	`width` integer,
	`height` integer,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`table_id`) REFERENCES `forum_tables`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`phase_id`) REFERENCES `forum_phases`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forum_files_forum` ON `forum_files` (`forum_id`,`kind`);--> statement-breakpoint
CREATE TABLE `forum_formats` (
	`id` integer PRIMARY KEY NOT NULL,
	`preset` text,
	`name` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_formats_preset` ON `forum_formats` (`preset`) WHERE "forum_formats"."preset" is not null;--> statement-breakpoint
CREATE TABLE `forum_participants` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`seat_code` text,
	`seat_table_id` integer,
	`name` text DEFAULT '' NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`language` text DEFAULT 'de' NOT NULL,
	`joined_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seat_table_id`) REFERENCES `forum_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_participants_seat_code_unique` ON `forum_participants` (`seat_code`);--> statement-breakpoint
CREATE INDEX `forum_participants_forum` ON `forum_participants` (`forum_id`);--> statement-breakpoint
CREATE TABLE `forum_phases` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_phases_position` ON `forum_phases` (`forum_id`,`position`);--> statement-breakpoint
CREATE TABLE `forum_poll_options` (
	`id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `forum_polls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_poll_options_position` ON `forum_poll_options` (`poll_id`,`position`);--> statement-breakpoint
CREATE TABLE `forum_polls` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'prepared' NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `forum_polls_forum` ON `forum_polls` (`forum_id`,`position`);--> statement-breakpoint
CREATE TABLE `forum_seating` (
	`participant_id` integer NOT NULL,
	`phase_id` integer NOT NULL,
	`table_id` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `phase_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `forum_participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`phase_id`) REFERENCES `forum_phases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`table_id`) REFERENCES `forum_tables`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `forum_seating_table` ON `forum_seating` (`table_id`);--> statement-breakpoint
CREATE TABLE `forum_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`forum_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `forum_participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `forum_sessions_participant` ON `forum_sessions` (`participant_id`);--> statement-breakpoint
CREATE INDEX `forum_sessions_forum` ON `forum_sessions` (`forum_id`);--> statement-breakpoint
CREATE TABLE `forum_tables` (
	`id` integer PRIMARY KEY NOT NULL,
	`forum_id` integer NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`field_id` integer,
	`capacity` integer DEFAULT 8 NOT NULL,
	`host` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_tables_number` ON `forum_tables` (`forum_id`,`number`);--> statement-breakpoint
CREATE TABLE `forum_target_group_links` (
	`forum_id` integer NOT NULL,
	`target_group_id` integer NOT NULL,
	PRIMARY KEY(`forum_id`, `target_group_id`),
	FOREIGN KEY (`forum_id`) REFERENCES `forums`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_group_id`) REFERENCES `forum_target_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `forum_target_groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`preset` text,
	`name` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_target_groups_preset` ON `forum_target_groups` (`preset`) WHERE "forum_target_groups"."preset" is not null;--> statement-breakpoint
CREATE TABLE `forum_vote_choices` (
	`vote_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	PRIMARY KEY(`vote_id`, `option_id`),
	FOREIGN KEY (`vote_id`) REFERENCES `forum_votes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`option_id`) REFERENCES `forum_poll_options`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `forum_vote_choices_option` ON `forum_vote_choices` (`option_id`);--> statement-breakpoint
CREATE TABLE `forum_votes` (
	`id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `forum_polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `forum_participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_votes_one_per_participant` ON `forum_votes` (`poll_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `forums` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`format_id` integer NOT NULL,
	`date` text NOT NULL,
	`time` text,
	`place` text DEFAULT '' NOT NULL,
	`invited_by` text DEFAULT '' NOT NULL,
	`moderators` text DEFAULT '' NOT NULL,
	`languages` text DEFAULT '["de"]' NOT NULL,
	`interpreting` text DEFAULT '' NOT NULL,
	`material_url` text DEFAULT '' NOT NULL,
	`round_id` integer,
	`code_mode` text DEFAULT 'open' NOT NULL,
	`code` text NOT NULL,
	`any_table` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	`feedback_published_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`format_id`) REFERENCES `forum_formats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forums_code_unique` ON `forums` (`code`);--> statement-breakpoint
CREATE INDEX `forums_date` ON `forums` (`date`);--> statement-breakpoint
CREATE INDEX `forums_round` ON `forums` (`round_id`);--> statement-breakpoint
-- The presets of the editable lists (their labels come from the vocabulary, translated).
INSERT INTO `forum_formats` (`preset`) VALUES ('dialogForum'), ('staffForum'), ('conference'), ('dialogRound');--> statement-breakpoint
INSERT INTO `forum_target_groups` (`preset`) VALUES ('migrants'), ('citizens'), ('volunteers'), ('associations'), ('employers'), ('mayors'), ('staff');
