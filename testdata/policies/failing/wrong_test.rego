package acme.failing

answer := 41

test_answer_is_42 if {
	print("answer is", answer)
	answer == 42
}
