CREATE TABLE `meeting_attendance` (
	`id` integer PRIMARY KEY NOT NULL,
	`meeting_id` integer NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_attendance_meeting` ON `meeting_attendance` (`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendance_user` ON `meeting_attendance` (`meeting_id`,`user_id`) WHERE "meeting_attendance"."user_id" is not null;--> statement-breakpoint
CREATE TABLE `meeting_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`meeting_id` integer NOT NULL,
	`position` integer NOT NULL,
	`measure_id` integer,
	`goal_id` integer,
	`reason` text DEFAULT 'manual' NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`decision_note` text DEFAULT '' NOT NULL,
	`updated_at` integer,
	`updated_by` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_items_meeting` ON `meeting_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_items_measure` ON `meeting_items` (`meeting_id`,`measure_id`) WHERE "meeting_items"."measure_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_items_goal` ON `meeting_items` (`meeting_id`,`goal_id`) WHERE "meeting_items"."goal_id" is not null;--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`time` text,
	`location` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`created_by` integer,
	`started_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_round_date` ON `meetings` (`round_id`,`date`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`round_id` integer,
	`unit_id` integer,
	`message` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	`email_error` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_user` ON `notices` (`user_id`,`read_at`);